"""Non-interactive subcommands of the ``hamcoach`` CLI, one module per group."""
