"""Fleet runs: many export packages (one folder per municipality) validated in one command."""
