"""`python -m cli ...`: the same commands as `python app.py ...`."""

import sys

from cli.main import main

sys.exit(main())
