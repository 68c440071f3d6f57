"""Business owners' assessments: a company, its tasks and the answers scored for them.

The models arrive with the questionnaire and scoring issues. This app may import `catalog`.
"""
