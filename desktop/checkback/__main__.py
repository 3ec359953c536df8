"""``python -m checkback`` starts the app."""

import sys

from checkback.app import main

sys.exit(main())
