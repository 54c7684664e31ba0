"""Loads an Airflow DAG file with stand-ins for airflow and pendulum, and prints as JSON what each
SparkSubmitOperator was given. Lets a test check the DAG's arguments without installing Airflow."""
import json
import runpy
import sys
import types
from datetime import datetime, timezone

captured = []
current_dags = []


class DAG:
    def __init__(self, dag_id, **kwargs):
        self.dag_id = dag_id
        self.kwargs = kwargs
        self.tasks = {}

    def __enter__(self):
        current_dags.append(self)
        return self

    def __exit__(self, *exc):
        current_dags.pop()
        return False

    def get_task(self, task_id):
        return self.tasks[task_id]


class SparkSubmitOperator:
    """Records its arguments, its DAG and its upstream tasks (`upstream >> task`)."""

    def __init__(self, **kwargs):
        self.kwargs = dict(kwargs, dag_id=current_dags[-1].dag_id, upstream_task_ids=[])
        current_dags[-1].tasks[kwargs["task_id"]] = self
        captured.append(self.kwargs)

    def __rshift__(self, downstream):
        downstream.kwargs["upstream_task_ids"].append(self.kwargs["task_id"])
        return downstream


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
module("pendulum", datetime=lambda *a, tz=None: datetime(*a, tzinfo=timezone.utc))

runpy.run_path(sys.argv[1])
print(json.dumps(captured, default=str))
