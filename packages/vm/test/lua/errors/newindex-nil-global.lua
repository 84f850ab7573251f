settings.debug = true
