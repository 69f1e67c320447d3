"""The frozen program's entry point: the same `main` as the `studyapp` console script."""

import sys

from studyapp.cli import main

if __name__ == "__main__":
    sys.exit(main())
