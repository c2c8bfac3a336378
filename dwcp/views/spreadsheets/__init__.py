"""Spreadsheets for officers and constituents: the results framework, the budget, the funding
by source and the lint findings of a set of programmes, as one workbook or as four CSV files.

`tables` builds language-neutral rows from the model, `collect` loads and lints the files,
`xlsx` and `csv_files` turn the tables into bytes, and `run` ties them to the file system.
"""
