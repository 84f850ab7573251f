x = [[ never closed
