"""Loads an Airflow DAG file with stand-ins for airflow and pendulum, as Airflow 2 or Airflow 3 would
import it, renders every templated argument of each SparkSubmitOperator with Jinja2 for one run of its
DAG, and prints as JSON what each operator was given and how it behaves. Lets a test check the DAG
without installing Airflow.

    python3 airflow_dag_probe.py DAG_FILE RUNS_JSON AIRFLOW_MAJOR

RUNS_JSON maps each DAG id to the run rendered: {"start": ..., "end": ...} (the data interval a
CronDataIntervalTimetable gives it; a schedule given as a bare string is, on Airflow 3, a
CronTriggerTimetable whose interval starts and ends at "end"), or {"conf": {...}} for a manual run.
The context follows the major version: Airflow 3 no longer offers execution_date, next_ds, prev_ds,
tomorrow_ds or yesterday_ds, and a manual run there has no logical date, hence no ds and no data
interval. Templates render with StrictUndefined, as Airflow does, so a name the version lacks fails.

Also reported per operator: its pool, the params' validation (jsonschema, as Airflow validates a
trigger's conf) of the conf and of RUNS_JSON's "invalid_confs", which exception a failed spark-submit
becomes for exit codes 1, 2 and 75, and the line its DAG's failure callback logs.
"""
import copy
import io
import json
import logging
import runpy
import sys
import types
from datetime import datetime, timedelta, timezone

import jinja2
import jsonschema

MAJOR = int(sys.argv[3])
RUNS = json.loads(sys.argv[2])
captured = []


class AirflowException(Exception):
    pass


class AirflowFailException(AirflowException):
    pass


class DAG:
    current = None

    def __init__(self, dag_id, **kwargs):
        self.dag_id = dag_id
        self.kwargs = kwargs

    def __enter__(self):
        DAG.current = self
        return self

    def __exit__(self, *exc):
        DAG.current = None
        return False


class Param:
    def __init__(self, default=None, **schema):
        self.default = default
        self.schema = {k: v for k, v in schema.items() if k != "description"}


class SparkSubmitOperator:
    """Records its arguments; execute() fails as the provider's hook does for a non-zero exit code."""
    exit_code = 0

    def __init__(self, **kwargs):
        self.kwargs = kwargs
        self.upstream = []
        captured.append((DAG.current, self))

    def __rshift__(self, other):
        other.upstream.append(self.kwargs["task_id"])
        return other

    def execute(self, context):
        if SparkSubmitOperator.exit_code:
            raise AirflowException(f"Cannot execute: spark-submit --master yarn --name x app.jar. "
                                   f"Error code is: {SparkSubmitOperator.exit_code}.")


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
module("airflow.exceptions", AirflowException=AirflowException, AirflowFailException=AirflowFailException)
module("airflow.models")
module("airflow.models.param", Param=Param)
if MAJOR >= 3:
    module("airflow.sdk", DAG=DAG, Param=Param)
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


environment = jinja2.Environment(undefined=jinja2.StrictUndefined)
environment.filters["ds"] = lambda value: value.strftime("%Y-%m-%d")  # as Airflow's ds filter


def params_of(dag, conf):
    """The run's params: the DAG's defaults overridden by the trigger's conf, validated per Param."""
    params = dag.kwargs.get("params") or {}
    values = {}
    for name, param in params.items():
        value = conf.get(name, param.default)
        if value is None:
            raise ValueError(f"param {name}: no value and no default")
        jsonschema.validate(value, param.schema, format_checker=jsonschema.FormatChecker())
        values[name] = value
    return values


def context(dag):
    run = RUNS[dag.dag_id]
    ctx = {"dag": dag, "macros": types.SimpleNamespace(ds_add=ds_add)}
    if "conf" in run:
        trigger = datetime(2024, 7, 2, 8, 0, tzinfo=timezone.utc)
        ctx.update(run_id="manual__" + trigger.isoformat(), dag_run=types.SimpleNamespace(conf=run["conf"]),
                   params=params_of(dag, run["conf"]))
        if MAJOR < 3:
            ctx.update(logical_date=trigger, data_interval_start=trigger, data_interval_end=trigger)
    else:
        end = datetime.fromisoformat(run["end"])
        start = end if MAJOR >= 3 and isinstance(dag.kwargs.get("schedule"), str) else datetime.fromisoformat(run["start"])
        ctx.update(run_id="scheduled__" + start.isoformat(), logical_date=start, data_interval_start=start,
                   data_interval_end=end, params=params_of(dag, {}))
    if "logical_date" in ctx:
        ctx["ds"] = ctx["logical_date"].strftime("%Y-%m-%d")
        if MAJOR < 3:
            ctx["execution_date"] = ctx["logical_date"]
            ctx["yesterday_ds"] = ds_add(ctx["ds"], -1)
            ctx["tomorrow_ds"] = ds_add(ctx["ds"], 1)
    return ctx


def exit_handling(operator):
    outcomes = {}
    for code in (1, 2, 75):
        SparkSubmitOperator.exit_code = code
        try:
            operator.execute({})
            outcomes[code] = "succeeded"
        except AirflowException as error:
            outcomes[code] = type(error).__name__
    SparkSubmitOperator.exit_code = 0
    return outcomes


def failure_report(dag):
    callback = dag.kwargs.get("default_args", {}).get("on_failure_callback")
    if callback is None:
        return None
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logging.getLogger().addHandler(handler)
    try:
        ti = types.SimpleNamespace(dag_id=dag.dag_id, task_id="t", try_number=4)
        callback({"task_instance": ti, "run_id": "scheduled__2024-11-01T00:00:00+00:00",
                  "exception": AirflowException("Cannot execute: spark-submit app.jar. Error code is: 1.")})
    finally:
        logging.getLogger().removeHandler(handler)
    return stream.getvalue().strip()


def invalid_confs(dag):
    errors = {}
    for conf in RUNS[dag.dag_id].get("invalid_confs", []):
        try:
            params_of(dag, conf)
            errors[json.dumps(conf, sort_keys=True)] = None
        except (ValueError, jsonschema.ValidationError) as error:
            errors[json.dumps(conf, sort_keys=True)] = getattr(error, "message", str(error))
    return errors


runpy.run_path(sys.argv[1])
operators = []
for dag, operator in captured:
    kwargs = copy.copy(operator.kwargs)
    schedule = dag.kwargs.get("schedule")
    ctx = context(dag)
    rendered = [environment.from_string(str(arg)).render(ctx) for arg in kwargs["application_args"]]
    operators.append(dict(kwargs, dag_id=dag.dag_id, operator_class=type(operator).__name__,
                          upstream=operator.upstream,
                          schedule=schedule.describe() if hasattr(schedule, "describe") else schedule,
                          pool=kwargs.get("pool", dag.kwargs.get("default_args", {}).get("pool")),
                          retries=dag.kwargs.get("default_args", {}).get("retries"),
                          rendered_name=environment.from_string(kwargs["name"]).render(ctx),
                          rendered_application_args=rendered, exit_handling=exit_handling(operator),
                          failure_report=failure_report(dag), invalid_confs=invalid_confs(dag)))
print(json.dumps(operators, default=str))
