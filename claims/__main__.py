from claims.run.cli import main

raise SystemExit(main())
