"""Where learners' work is kept: tables, migrations, the Store, backups."""
