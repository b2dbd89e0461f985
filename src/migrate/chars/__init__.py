"""The 外字 同定 worklist: what in an export needs a character decision (``migrate chars``)."""
