"""Views of the assessments app: the questionnaire steps and the results report."""
