"""Sentencing-exposure calculator for federal child-exploitation prosecutions.

Flow: law loading (calculator.law) -> case model (calculator.case, calculator.model) ->
engine (calculator.engine: statutory, guidelines, consequences, scenarios) -> reports
(calculator.report) -> UI (calculator.tui). The engine is pure: no I/O, no Textual.
"""

__version__ = "0.1.0"
