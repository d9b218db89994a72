import sys

from legday.cli import main

sys.exit(main())
