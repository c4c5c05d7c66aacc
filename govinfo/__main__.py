"""``python -m govinfo`` runs the ``govinfo`` command."""

import sys

from govinfo.cli import main

sys.exit(main())
