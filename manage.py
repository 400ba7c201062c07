#!/usr/bin/env python
from erkt.__main__ import main

if __name__ == "__main__":
    main()
