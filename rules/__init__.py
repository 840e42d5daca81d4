"""The law as data. TOML files read by calculator.law; this package exists so they ship with it."""
