"""Airflow DAGs for shop-analytics (Airflow 2.9/2.10 and 3.x, apache-airflow-providers-apache-spark).

shop_analytics_monthly: once a month, after the month closes, runs `all` for the month of the data
interval with --as-of the interval's last day. The schedule is a CronDataIntervalTimetable named
explicitly: a bare "@monthly" becomes a CronTriggerTimetable on Airflow 3 (its
[scheduler] create_cron_data_intervals defaults to False there), whose data interval starts and ends
at the trigger time, so the run of 1 December would compute December instead of November.
catchup=True, so `airflow dags backfill` (or enabling the DAG with an earlier start_date) recomputes
past months one run per month.

shop_analytics_nightly: every night, `all` with no months (incremental: the months holding orders not
yet processed) as of the day that just closed ({{ ds }} of a daily data interval, the same on both
versions because the timetable is named).

shop_analytics_backfill: manual; recomputes a range of months in ONE application (orders are read
once for the whole range). Its params are validated against their JSON schema when the run is
triggered, before anything is submitted:
    airflow dags trigger shop_analytics_backfill --conf '{"from": "2024-01", "to": "2024-06", "as_of": "2024-06-30"}'

All submit in client mode, so the Spark driver's exit code is the task's. Exit 2 (invalid options)
fails the task for good: a retry would fail the same way. Any other failure (1: the run failed; 75:
another run holds the lease, retry later) is retried with exponential backoff: the jobs are
idempotent. The three DAGs share the pool `shop_analytics` (create it with one slot:
`airflow pools set shop_analytics 1 "shop-analytics Spark applications"`), so they never run
concurrently against the same collections.

Credentials: the Spark connection (`spark_default`) points at the cluster; the MongoDB connection
string comes from a file on the Airflow worker, named by the job's --uri-file option (a path, never the
string itself). Not through env_vars: on a k8s:// master the operator turns them into
spark.kubernetes.driverEnv.* settings, which reach a cluster-mode driver pod but not the client-mode
driver, which is the spark-submit process itself. (Were it lost anyway, the job refuses to default to
127.0.0.1 on a cluster master and exits 2.)

The application name is the operator's `name` (--name): the job keeps whatever spark.app.name it is given.

Logs: no Java options here (spark.driver.extraJavaOptions set by --conf would replace the site's). Give
the worker's spark-submit the project's log layout (date, run id) through SPARK_SUBMIT_OPTS in its
environment or spark-env.sh; docs/OPERATIONS.md shows the line.
"""
import logging
import os
import re
from datetime import timedelta

import pendulum
from airflow.exceptions import AirflowException, AirflowFailException
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.timetables.interval import CronDataIntervalTimetable

try:  # Airflow 3: the task SDK
    from airflow.sdk import DAG, Param
except ImportError:  # Airflow 2.9/2.10
    from airflow import DAG
    from airflow.models.param import Param

HOME = os.environ.get("SHOP_ANALYTICS_HOME", "/opt/shop-analytics")
APPLICATION = f"{HOME}/jobs/target/shop-analytics-jobs.jar"
MAIN_CLASS = "io.shopanalytics.jobs.cli.ShopAnalytics"
PROPERTIES_FILE = f"{HOME}/conf/production.properties"
URI_FILE = os.environ.get("SHOP_ANALYTICS_URI_FILE", "/etc/shop-analytics/mongodb-uri")
POOL = "shop_analytics"

# Exit codes of the application (ShopAnalytics): 2 is invalid options, never worth a retry.
INVALID_OPTIONS = 2
# The hook reports the driver's exit code only in its exception's message.
EXIT_CODE = re.compile(r"Error code is: (\d+)")

SPARK_CONF = {
    "spark.scheduler.allocation.file": f"{HOME}/conf/fairscheduler.xml",
}
# Every run's summary, and the same figures in Prometheus' text format for node_exporter's textfile
# collector (one file per DAG: it holds the latest run's figures).
SUMMARY_FILE = f"{HOME}/runs/" + "{{ run_id | replace(':', '_') }}.json"
METRICS_FILE = os.environ.get("SHOP_ANALYTICS_METRICS_DIR", "/var/lib/node_exporter/textfile") + (
    "/{{ dag.dag_id }}.prom")

log = logging.getLogger(__name__)


def exit_code(error):
    """The driver's exit code in the provider's "Cannot execute: ... Error code is: N." message, or None."""
    match = EXIT_CODE.search(str(error))
    return int(match.group(1)) if match else None


def report_failure(context):
    """on_failure_callback: one line a log search or an alert rule can key on, with the summary's path."""
    ti = context["task_instance"]
    log.error("shop-analytics FAILED dag=%s task=%s run=%s try=%s exit=%s summary=%s: %s",
              ti.dag_id, ti.task_id, context["run_id"], ti.try_number, exit_code(context.get("exception")),
              f"{HOME}/runs/{context['run_id'].replace(':', '_')}.json", context.get("exception"))


class ShopAnalyticsSubmitOperator(SparkSubmitOperator):
    """SparkSubmitOperator that fails for good on invalid options (exit 2) and retries anything else."""

    def execute(self, context):
        try:
            return super().execute(context)
        except AirflowException as error:
            if exit_code(error) == INVALID_OPTIONS:
                raise AirflowFailException(f"invalid options (exit {INVALID_OPTIONS}), not retried: {error}") from error
            raise


DEFAULT_ARGS = {
    "owner": "data-engineering",
    "retries": 3,
    "retry_delay": timedelta(minutes=10),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(hours=2),
    "pool": POOL,
    "on_failure_callback": report_failure,
}

# The month of the data interval, and its last day as the customers' as-of.
MONTHLY_ARGS = [
    "all",
    "--period", "{{ data_interval_start.strftime('%Y-%m') }}",
    "--as-of", "{{ macros.ds_add(data_interval_end | ds, -1) }}",
]

# Incremental: the months with unprocessed orders, customers as of the day that closed.
NIGHTLY_ARGS = ["all", "--as-of", "{{ ds }}"]

BACKFILL_ARGS = [
    "all",
    "--from", "{{ params['from'] }}",
    "--to", "{{ params['to'] }}",
    "--as-of", "{{ params['as_of'] }}",
]

MONTH = r"^[0-9]{4}-(0[1-9]|1[0-2])$"
BACKFILL_PARAMS = {
    "from": Param(type="string", pattern=MONTH, description="first month, YYYY-MM"),
    "to": Param(type="string", pattern=MONTH, description="last month, YYYY-MM (inclusive)"),
    "as_of": Param(type="string", format="date", pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                   description="customers' as-of day, YYYY-MM-DD"),
}


def analytics_task(task_id, application_args):
    return job_task(task_id, application_args + [
        "--uri-file", URI_FILE, "--summary-file", SUMMARY_FILE, "--metrics-file", METRICS_FILE])


# The report after the analytics: one HTML page per run under runs/, drawn from the analytics
# collections only (no orders read, no Spark work), so it costs seconds.
REPORT_ARGS = [
    "report",
    "--output", f"{HOME}/runs/" + "{{ run_id | replace(':', '_') }}/report.html",
]


def report_task():
    return job_task("report", REPORT_ARGS + ["--uri-file", URI_FILE])


def job_task(task_id, application_args):
    return ShopAnalyticsSubmitOperator(
        task_id=task_id,
        conn_id="spark_default",
        application=APPLICATION,
        java_class=MAIN_CLASS,
        application_args=application_args,
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
    analytics_task("all_analytics", MONTHLY_ARGS) >> report_task()

with DAG(
    dag_id="shop_analytics_nightly",
    description="Incremental analytics: the months holding orders not yet processed, as of yesterday",
    schedule=CronDataIntervalTimetable("0 2 * * *", timezone="UTC"),
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["analytics", "spark", "mongodb", "incremental"],
) as nightly:
    analytics_task("all_analytics_incremental", NIGHTLY_ARGS) >> report_task()

with DAG(
    dag_id="shop_analytics_backfill",
    description="Recompute a range of months in one application (trigger with conf from/to/as_of)",
    schedule=None,
    start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    params=BACKFILL_PARAMS,
    tags=["analytics", "spark", "mongodb", "backfill"],
) as backfill:
    analytics_task("all_analytics_range", BACKFILL_ARGS) >> report_task()
