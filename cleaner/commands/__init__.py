"""The commands of the `cleaner` command line, one module each, and the options they share."""
