"""Staff uploads -> checked observation rows -> a preview of what would change. No Dash here.

The flow: `parse.parse_upload(bytes, file name, current tables)` reads what people really send
(xlsx/xlsm/ods/csv, long or wide tables, Russian or English headers, indices or growth), and
returns a ParsedImport with every problem located; `plan.plan_import` compares it with the
current data and validates the tables it would make; `summary.PreviewSummary` is what the
command line prints and the page shows; `workflow` is the one path (preview, commit) both take,
and `session` keeps an upload waiting for the editor's answers and confirmation.
"""
