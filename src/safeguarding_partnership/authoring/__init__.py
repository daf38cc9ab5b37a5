"""Writing arrangements files: start one from area codes, compare two versions, fix one after
a reorganisation.

``start`` writes a starter file from the packaged reference data, ``diff`` gives a semantic
change log between two versions, and ``fix`` end-dates bodies the reference data says were
succeeded and adds their successors, keeping the file's comments and layout.
"""

__all__: list[str] = []
