"""The version of Checkback that is running.

pyproject.toml declares it and it is written here too, so that reading it loads nothing
(the package metadata's reader brings in the email package: 2.5 MB at every start). A test
keeps the two the same.
"""

VERSION = "0.1.0"
