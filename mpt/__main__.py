import sys

try:
    from mpt.cli.main import main
except KeyboardInterrupt:  # Ctrl-C before main() could take over: as main() reports it
    sys.stderr.write("mpt: error: interrupted\n")
    sys.exit(130)

main()
