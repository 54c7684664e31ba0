"""Airflow DAGs for shop-analytics.

shop_analytics_monthly: once a month, after the month closes, runs `all` for the month of the data
interval with --as-of the interval's last day. catchup=True, so `airflow dags backfill` (or enabling
the DAG with an earlier start_date) recomputes past months one run per month.

shop_analytics_backfill: manual; recomputes a range of months in ONE application (orders are read
once for the whole range). Trigger with
    airflow dags trigger shop_analytics_backfill --conf '{"from": "2024-01", "to": "2024-06", "as_of": "2024-06-30"}'

Both submit in client mode, so the Spark driver's exit code is the task's: a failed run fails the
task, and Airflow retries it with exponential backoff (the jobs are idempotent: a re-run upserts
the same documents).

Credentials: the Spark connection (`spark_default`) points at the cluster; the MongoDB connection
string comes from a file on the workers named by MONGODB_URI_FILE, never from the arguments.
"""
import os
from datetime import timedelta

import pendulum
from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

HOME = os.environ.get("SHOP_ANALYTICS_HOME", "/opt/shop-analytics")
APPLICATION = f"{HOME}/jobs/target/shop-analytics-jobs.jar"
MAIN_CLASS = "io.shopanalytics.jobs.cli.ShopAnalytics"
PROPERTIES_FILE = f"{HOME}/conf/production.properties"
URI_FILE = os.environ.get("SHOP_ANALYTICS_URI_FILE", "/etc/shop-analytics/mongodb-uri")

JAVA17_OPENS = " ".join(
    f"--add-opens=java.base/{package}=ALL-UNNAMED"
    for package in [
        "java.lang", "java.lang.invoke", "java.lang.reflect", "java.io", "java.net", "java.nio",
        "java.util", "java.util.concurrent", "java.util.concurrent.atomic", "sun.nio.ch", "sun.nio.cs",
        "sun.security.action", "sun.util.calendar",
    ]
)

SPARK_CONF = {
    "spark.driver.extraJavaOptions": JAVA17_OPENS,
    "spark.executor.extraJavaOptions": JAVA17_OPENS,
    "spark.scheduler.allocation.file": f"{HOME}/conf/fairscheduler.xml",
}

DEFAULT_ARGS = {
    "owner": "data-engineering",
    "retries": 3,
    "retry_delay": timedelta(minutes=10),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(hours=2),
}

# The month of the data interval, and its last day as the customers' as-of.
MONTHLY_ARGS = [
    "all",
    "--period", "{{ data_interval_start.strftime('%Y-%m') }}",
    "--as-of", "{{ macros.ds_add(data_interval_end | ds, -1) }}",
    "--summary-file", f"{HOME}/runs/" + "{{ run_id | replace(':', '_') }}.json",
]

BACKFILL_ARGS = [
    "all",
    "--from", "{{ dag_run.conf['from'] }}",
    "--to", "{{ dag_run.conf['to'] }}",
    "--as-of", "{{ dag_run.conf['as_of'] }}",
    "--summary-file", f"{HOME}/runs/" + "{{ run_id | replace(':', '_') }}.json",
]


def analytics_task(task_id, application_args):
    return SparkSubmitOperator(
        task_id=task_id,
        conn_id="spark_default",
        application=APPLICATION,
        java_class=MAIN_CLASS,
        application_args=application_args,
        properties_file=PROPERTIES_FILE,
        conf=SPARK_CONF,
        deploy_mode="client",
        env_vars={"MONGODB_URI_FILE": URI_FILE},
        name="shop-analytics-{{ dag.dag_id }}",
        execution_timeout=timedelta(hours=6),
    )


with DAG(
    dag_id="shop_analytics_monthly",
    description="Product, sales and customer analytics for the month that just closed",
    schedule="@monthly",
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
    catchup=True,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["analytics", "spark", "mongodb"],
) as monthly:
    analytics_task("all_analytics", MONTHLY_ARGS)

with DAG(
    dag_id="shop_analytics_backfill",
    description="Recompute a range of months in one application (trigger with conf from/to/as_of)",
    schedule=None,
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["analytics", "spark", "mongodb", "backfill"],
) as backfill:
    analytics_task("all_analytics_range", BACKFILL_ARGS)

# The report after the analytics, in both DAGs: one HTML page per run under runs/, drawn from the
# analytics collections only (no orders read, no Spark work), so it costs seconds.
REPORT_ARGS = [
    "report",
    "--output", f"{HOME}/runs/" + "{{ run_id | replace(':', '_') }}/report.html",
]

for dag, analytics_task_id in ((monthly, "all_analytics"), (backfill, "all_analytics_range")):
    with dag:
        dag.get_task(analytics_task_id) >> analytics_task("report", REPORT_ARGS)
