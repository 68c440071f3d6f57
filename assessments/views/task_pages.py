"""The tasks step's pages: which saved tasks a page shows, how many blank rows, and the
addresses between pages."""

MAX_BLANK_ROWS = 20
# Saved tasks per page of the tasks step: a 1,000-task draft on one page was 12 MiB of
# HTML, seconds to render on the server and again in the browser.
TASKS_PER_PAGE = 50


def query_number(request, name):
    """The whole number the URL gives as `name`, or None (absent, or not a number)."""
    if not request.META.get("QUERY_STRING"):
        return None  # the usual visit: no query to parse
    try:
        return int(request.GET.get(name, ""))
    except ValueError:
        return None


def requested_rows(request):
    """The number of blank rows the URL asks for (`?rows=`), within bounds, or None."""
    rows = query_number(request, "rows")
    return None if rows is None else max(1, min(rows, MAX_BLANK_ROWS))


def blank_rows(request, has_tasks):
    rows = requested_rows(request)
    if rows is None:
        return 1 if has_tasks else 3
    return rows


class TaskPage:
    """The saved tasks one page of the tasks step shows: TASKS_PER_PAGE of them in list
    order, from `offset`. Blank rows for new tasks go on the last page. A page asked for
    past the last is the last; a missing or smaller one, the first."""

    def __init__(self, task_count, requested=None):
        self.task_count = task_count
        self.count = page_count(task_count)
        self.number = min(max(requested or 1, 1), self.count)
        self.offset = (self.number - 1) * TASKS_PER_PAGE
        self.is_last = self.number == self.count

    @property
    def numbers(self):
        return range(1, self.count + 1)

    @property
    def first_task(self):
        return min(self.offset + 1, self.task_count)

    @property
    def last_task(self):
        return min(self.offset + TASKS_PER_PAGE, self.task_count)


def page_count(task_count):
    """Pages of the tasks step for this many saved tasks: at least one."""
    return max(1, -(-task_count // TASKS_PER_PAGE))


def last_page(assessment):
    """The tasks step's last page, where blank rows for new tasks go."""
    return page_count(assessment.tasks.count())


def task_row_url(tasks_url, number):
    """The task numbered `number` in list order, on its page of the tasks step (the page
    count of a list that ends with it)."""
    return f"{tasks_url}{page_query(page_count(number))}#task-{number}"


def page_query(number, **more):
    """`?page=N&...` for the tasks step; page 1 is the step's own address."""
    pairs = ([("page", number)] if number > 1 else []) + list(more.items())
    return "?" + "&".join(f"{name}={value}" for name, value in pairs) if pairs else ""


def moved_up_message(removed, next_page, pages):
    """What happened to the page asked for, when removing tasks moved later ones up onto
    this page; `pages` is how many the draft has now."""
    tasks = "1 task" if removed == 1 else f"{removed} tasks"
    moved = (
        f"Removed {tasks}. The tasks after {'it' if removed == 1 else 'them'} moved up onto "
        "this page, so it ends with tasks you have not seen yet"
    )
    if next_page > pages:
        return f"{moved}; it is now the last page."
    return f"{moved}; page {next_page} starts after them."
