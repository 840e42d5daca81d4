"""The trace: every number in an Exposure is produced by steps a lawyer can check.

A Step names the provision (cite), what it did (effect: "+2", "min 60 months", "life"), why
(note), whether it applied (steps that were considered and did not apply are part of the trace),
and the verification status of the value it rests on (verified / secondary / unverified).
"""

from __future__ import annotations

from attrs import frozen

STATUSES = ("verified", "secondary", "unverified")


@frozen
class Step:
    cite: str
    effect: str
    note: str
    applied: bool = True
    status: str = "verified"
    subject: str = ""  # what the step is about: "count 1", "minor A", "judgment", "Group 2"

    def to_json(self) -> dict:
        out = {"cite": self.cite, "effect": self.effect, "note": self.note}
        if not self.applied:
            out["applied"] = False
        if self.status != "verified":
            out["status"] = self.status
        if self.subject:
            out["subject"] = self.subject
        return out


def unverified_steps(steps) -> list[Step]:
    """Applied steps resting on a value that is not verified: these must be shown to the user."""
    return [s for s in steps if s.applied and s.status != "verified"]
