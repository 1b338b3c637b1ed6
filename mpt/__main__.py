from mpt.cli.main import main

main()
