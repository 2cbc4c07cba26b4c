"""Staff uploads -> checked observation rows -> a preview of what would change. No Dash here.

The flow: `parse.parse_upload(bytes, file name, current tables)` reads what people really send
(xlsx/xlsm/ods/csv, long or wide tables, Russian or English headers, indices or growth), and
returns a ParsedImport with every problem located; `plan.plan_import` compares it with the
current data; `ImportPlan.apply()` gives the new full tables for `Store.commit`;
`workflow` is the one path the command line and the browser take through these steps.
"""
