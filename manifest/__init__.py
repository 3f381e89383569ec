"""The Teams app package an IT admin uploads: manifest.json, icons, English strings, zipped.

Built by `referent manifest`; see `package.write_package`.
"""
