"""The command line, outside the core: `python app.py COMMAND` or `python -m cli COMMAND`.

python app.py serve [--debug]          the dashboard (development server)
python app.py import FILE ...          validate and import a spreadsheet
python app.py history | rollback N     data versions
python app.py editor add NAME          create an editor account (asks for a password)
python app.py editor passwd NAME       change it; ends that editor's sessions
python app.py editor remove NAME       delete the account; ends that editor's sessions
python app.py editor list              the editors' names
python app.py export --chart ID ...    charts as PNG, SVG or PDF files
"""
