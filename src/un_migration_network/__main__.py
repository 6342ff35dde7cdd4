"""``python -m un_migration_network``: the command line."""

from un_migration_network.cli import main

raise SystemExit(main())
