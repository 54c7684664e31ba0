"""Loads an Airflow DAG file with stand-ins for airflow and pendulum, renders every templated
argument of each SparkSubmitOperator with Jinja2 for one run of its DAG, and prints as JSON what each
operator was given (with its DAG's id and schedule, and the rendered arguments). Lets a test check
the DAG's arguments without installing Airflow.

The run rendered: for a DAG with a schedule, the run whose data interval is November 2024 (the interval
a CronDataIntervalTimetable("0 0 1 * *", "UTC") gives the run it starts on 1 December 2024; the test
checks that the schedule is exactly that timetable); for a DAG without one, a manual run triggered
with the conf in sys.argv[2] (JSON)."""
import json
import runpy
import sys
import types
from datetime import datetime, timedelta, timezone

import jinja2

captured = []
dags = []


class DAG:
    def __init__(self, dag_id, **kwargs):
        self.dag_id = dag_id
        self.kwargs = kwargs
        dags.append(self)

    def __enter__(self):
        DAG.current = self
        return self

    def __exit__(self, *exc):
        DAG.current = None
        return False


class SparkSubmitOperator:
    def __init__(self, **kwargs):
        captured.append((DAG.current, kwargs))


class CronDataIntervalTimetable:
    def __init__(self, cron, timezone):
        self.cron = cron
        self.timezone = timezone

    def describe(self):
        return {"timetable": "CronDataIntervalTimetable", "cron": self.cron, "timezone": str(self.timezone)}


def module(name, **attrs):
    m = types.ModuleType(name)
    m.__dict__.update(attrs)
    sys.modules[name] = m
    return m


module("airflow", DAG=DAG)
module("airflow.providers")
module("airflow.providers.apache")
module("airflow.providers.apache.spark")
module("airflow.providers.apache.spark.operators")
module("airflow.providers.apache.spark.operators.spark_submit", SparkSubmitOperator=SparkSubmitOperator)
module("airflow.timetables")
module("airflow.timetables.interval", CronDataIntervalTimetable=CronDataIntervalTimetable)
module("pendulum", datetime=lambda *a, tz=None: datetime(*a, tzinfo=timezone.utc))


def ds_add(ds, days):
    """As Airflow's macros.ds_add."""
    return (datetime.strptime(ds, "%Y-%m-%d") + timedelta(days=days)).strftime("%Y-%m-%d")


# Airflow renders with StrictUndefined by default: a misspelt name fails the task instead of rendering "".
environment = jinja2.Environment(undefined=jinja2.StrictUndefined)
environment.filters["ds"] = lambda value: value.strftime("%Y-%m-%d")  # as Airflow's ds filter


def context(dag):
    if dag.kwargs.get("schedule") is None:
        return {"dag": dag, "run_id": "manual__2024-07-02T08:00:00+00:00",
                "dag_run": types.SimpleNamespace(conf=json.loads(sys.argv[2]))}
    start = datetime(2024, 11, 1, tzinfo=timezone.utc)
    end = datetime(2024, 12, 1, tzinfo=timezone.utc)
    return {"dag": dag, "run_id": "scheduled__" + start.isoformat(), "data_interval_start": start,
            "data_interval_end": end, "macros": types.SimpleNamespace(ds_add=ds_add)}


runpy.run_path(sys.argv[1])
operators = []
for dag, kwargs in captured:
    schedule = dag.kwargs.get("schedule")
    rendered = [environment.from_string(str(arg)).render(context(dag)) for arg in kwargs["application_args"]]
    operators.append(dict(kwargs, dag_id=dag.dag_id,
                          schedule=schedule.describe() if hasattr(schedule, "describe") else schedule,
                          rendered_application_args=rendered))
print(json.dumps(operators, default=str))
