"""Loads an Airflow DAG file with stand-ins for airflow and pendulum, and prints as JSON what each
SparkSubmitOperator was given. Lets a test check the DAG's arguments without installing Airflow."""
import json
import runpy
import sys
import types
from datetime import datetime, timezone

captured = []


class DAG:
    def __init__(self, dag_id, **kwargs):
        self.dag_id = dag_id
        self.kwargs = kwargs

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


class SparkSubmitOperator:
    def __init__(self, **kwargs):
        captured.append(kwargs)


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
