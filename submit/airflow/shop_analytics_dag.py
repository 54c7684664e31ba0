"""Airflow DAGs for shop-analytics.

shop_analytics_monthly: once a month, after the month closes, runs `all` for the month of the data
interval with --as-of the interval's last day. The schedule is a CronDataIntervalTimetable named
explicitly: a bare "@monthly" becomes a CronTriggerTimetable on Airflow 3 (its
[scheduler] create_cron_data_intervals defaults to False there), whose data interval starts and ends
at the trigger time, so the run of 1 December would compute December instead of November.
catchup=True, so `airflow dags backfill` (or enabling the DAG with an earlier start_date) recomputes
past months one run per month.

shop_analytics_backfill: manual; recomputes a range of months in ONE application (orders are read
once for the whole range). Trigger with
    airflow dags trigger shop_analytics_backfill --conf '{"from": "2024-01", "to": "2024-06", "as_of": "2024-06-30"}'

Both submit in client mode, so the Spark driver's exit code is the task's: a failed run fails the
task, and Airflow retries it with exponential backoff (the jobs are idempotent: a re-run upserts
the same documents).

Credentials: the Spark connection (`spark_default`) points at the cluster; the MongoDB connection
string comes from a file on the Airflow worker, named by the job's --uri-file option (a path, never the
string itself). Not through env_vars: on a k8s:// master the operator turns them into
spark.kubernetes.driverEnv.* settings, which reach a cluster-mode driver pod but not the client-mode
driver, which is the spark-submit process itself.

Java 17: nothing to add. Spark 3.5's launcher puts its JavaModuleOptions on the driver's command line,
and SparkContext prepends them to spark.driver/executor.extraJavaOptions, so the executors get them on
every cluster manager.
"""
import os
from datetime import timedelta

import pendulum
from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.timetables.interval import CronDataIntervalTimetable

HOME = os.environ.get("SHOP_ANALYTICS_HOME", "/opt/shop-analytics")
APPLICATION = f"{HOME}/jobs/target/shop-analytics-jobs.jar"
MAIN_CLASS = "io.shopanalytics.jobs.cli.ShopAnalytics"
PROPERTIES_FILE = f"{HOME}/conf/production.properties"
URI_FILE = os.environ.get("SHOP_ANALYTICS_URI_FILE", "/etc/shop-analytics/mongodb-uri")

SPARK_CONF = {
    "spark.scheduler.allocation.file": f"{HOME}/conf/fairscheduler.xml",
}
# Every run's summary, and the same figures in Prometheus' text format for node_exporter's textfile
# collector (one file per DAG: it holds the latest run's figures).
SUMMARY_FILE = f"{HOME}/runs/" + "{{ run_id | replace(':', '_') }}.json"
METRICS_FILE = os.environ.get("SHOP_ANALYTICS_METRICS_DIR", "/var/lib/node_exporter/textfile") + (
    "/{{ dag.dag_id }}.prom")

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
]

BACKFILL_ARGS = [
    "all",
    "--from", "{{ dag_run.conf['from'] }}",
    "--to", "{{ dag_run.conf['to'] }}",
    "--as-of", "{{ dag_run.conf['as_of'] }}",
]


def analytics_task(task_id, application_args):
    return SparkSubmitOperator(
        task_id=task_id,
        conn_id="spark_default",
        application=APPLICATION,
        java_class=MAIN_CLASS,
        application_args=application_args + [
            "--uri-file", URI_FILE, "--summary-file", SUMMARY_FILE, "--metrics-file", METRICS_FILE],
        properties_file=PROPERTIES_FILE,
        conf=SPARK_CONF,
        deploy_mode="client",
        name="shop-analytics-{{ dag.dag_id }}",
        execution_timeout=timedelta(hours=6),
    )


with DAG(
    dag_id="shop_analytics_monthly",
    description="Product, sales and customer analytics for the month that just closed",
    schedule=CronDataIntervalTimetable("0 0 1 * *", timezone="UTC"),
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
