"""The official Excel workbook: writing, reading, templates and annotated copies."""
