"""Questionnaire and results URLs.

`resume/<token>/...` takes the private resume token: the owner's pages. `<token>/results/`
takes the share token: read-only results. A task's card is reached by its number in the
assessment (`results/tasks/<number>/`, counted in the order the tasks were listed), so no
URL carries a database key.
"""

from django.urls import path

from .views import owner, questionnaire, report

app_name = "assessments"

urlpatterns = [
    path("start/", questionnaire.start, name="start"),
    path("task-template.csv", questionnaire.task_template, name="task-template"),
    path("resume/<uuid:token>/", questionnaire.resume, name="resume"),
    path("resume/<uuid:token>/company/", questionnaire.company, name="company"),
    path("resume/<uuid:token>/tasks/", questionnaire.tasks, name="tasks"),
    path("resume/<uuid:token>/upload/", questionnaire.upload, name="upload"),
    path("resume/<uuid:token>/review/", questionnaire.review, name="review"),
    path("resume/<uuid:token>/revise/", owner.revise, name="revise"),
    path("resume/<uuid:token>/sharing/", owner.sharing, name="sharing"),
    path("resume/<uuid:token>/results/", report.owner_results, name="owner-results"),
    path("resume/<uuid:token>/results/tasks/<int:number>/", report.owner_task, name="owner-task"),
    path("resume/<uuid:token>/results/print/", report.owner_print_report, name="owner-print"),
    path("resume/<uuid:token>/results.csv", report.export_owned, name="owner-export"),
    path("<uuid:token>/results/", report.results, name="results"),
    path("<uuid:token>/results/tasks/<int:number>/", report.task, name="task"),
    path("<uuid:token>/results/print/", report.print_report, name="print"),
    path("<uuid:token>/results.csv", report.export_shared, name="export"),
]
