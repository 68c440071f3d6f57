"""CSV and XLSX formats for the catalog admin that escape spreadsheet formulas.

django-import-export's own escaping only drops a leading "=", altering the text and missing
the other formula prefixes; these formats use the project's escaping both ways instead.
"""

from import_export.formats import base_formats

from outsourcing_advisor.spreadsheets import escape_formula, unescape_formula


class FormulaSafeMixin:
    def export_data(self, dataset, **kwargs):
        for index, row in enumerate(list(dataset)):
            dataset[index] = tuple(escape_formula(cell) for cell in row)
        return super().export_data(dataset, **kwargs)

    def create_dataset(self, in_stream, **kwargs):
        dataset = super().create_dataset(in_stream, **kwargs)
        for index, row in enumerate(list(dataset)):
            dataset[index] = tuple(unescape_formula(cell) for cell in row)
        return dataset


class CSV(FormulaSafeMixin, base_formats.CSV):
    pass


class XLSX(FormulaSafeMixin, base_formats.XLSX):
    pass
