"""`python -m calculator` is `exposure`."""

import sys

from calculator.cli import main

sys.exit(main())
