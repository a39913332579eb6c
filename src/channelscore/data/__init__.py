"""Everything that reads or writes files: locating data folders, the YAML reader with positions, the file
formats and their JSON Schemas, the rules across files, profile resolution, the compiled data, ``init``,
atomic output files and workshop files. Nothing here ranks: that is :mod:`channelscore.core`."""
