"""The command line: thin commands that parse options, call the core and pick an output format."""
