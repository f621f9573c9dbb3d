import sys

from mkcat.cli import main

sys.exit(main())
