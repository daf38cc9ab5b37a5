from safeguarding_partnership.cli import main

main()
