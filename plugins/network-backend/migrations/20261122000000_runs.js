// @ts-check

/**
 * Diagnostics and bootstrap runs, their check results and steps, the events their progress
 * streams are read from, and the per-cluster lock that keeps bootstrap runs from overlapping
 * across replicas.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('diagnostic_runs', table => {
    table.comment('One diagnostics run: which checks, who started it, how far it got');
    table.string('id', 36).primary();
    table.string('cluster', 253).notNullable();
    table.text('selection').notNullable().comment('DiagnosticSelection as JSON');
    table.string('status', 16).notNullable().comment('running | succeeded | failed | interrupted');
    table.string('trigger', 16).notNullable().comment('manual | schedule | bootstrap | action');
    table.string('actor', 255).notNullable();
    table.string('started_at', 32).notNullable().comment('ISO 8601');
    table.string('finished_at', 32).nullable();
    table.string('heartbeat_at', 32).notNullable().comment('Refreshed while running; a stale one means the process died');
    table.integer('progress_done').notNullable().defaultTo(0);
    table.integer('progress_total').notNullable().defaultTo(0);
    table.text('totals').notNullable().comment('OutcomeTotals as JSON');
    table.text('error').nullable();
    table.index(['cluster', 'started_at'], 'diagnostic_runs_cluster_started_idx');
    table.index(['status'], 'diagnostic_runs_status_idx');
  });

  await knex.schema.createTable('diagnostic_results', table => {
    table.comment('The result of one check in one run');
    table
      .string('run_id', 36)
      .notNullable()
      .references('id')
      .inTable('diagnostic_runs')
      .onDelete('CASCADE');
    table.string('check_id', 128).notNullable();
    table.string('outcome', 16).notNullable();
    table.text('result').notNullable().comment('CheckResult as JSON');
    table.string('finished_at', 32).notNullable();
    table.primary(['run_id', 'check_id']);
  });

  await knex.schema.createTable('bootstrap_runs', table => {
    table.comment('One confirmed bootstrap run: its plan, steps, actor and outcome (the audit history)');
    table.string('id', 36).primary();
    table.string('cluster', 253).notNullable();
    table.string('plan_hash', 64).notNullable();
    table.text('plan').notNullable().comment('BootstrapPlan as JSON, as confirmed');
    table.text('steps').notNullable().comment('BootstrapRunStep[] as JSON');
    table.string('status', 16).notNullable();
    table.string('actor', 255).notNullable();
    table.string('started_at', 32).notNullable();
    table.string('finished_at', 32).nullable();
    table.string('heartbeat_at', 32).notNullable();
    table.string('diagnostics_run_id', 36).nullable();
    table.text('error').nullable();
    table.index(['cluster', 'started_at'], 'bootstrap_runs_cluster_started_idx');
  });

  await knex.schema.createTable('bootstrap_locks', table => {
    table.comment('At most one bootstrap run per cluster, across replicas: a row exists while one runs');
    table.string('cluster', 253).primary();
    table.string('run_id', 36).notNullable();
    table.string('acquired_at', 32).notNullable();
  });

  await knex.schema.createTable('run_events', table => {
    table.comment('Progress events of diagnostics and bootstrap runs, read by the event streams of any replica');
    table.string('run_id', 36).notNullable();
    table.integer('seq').notNullable();
    table.string('at', 32).notNullable();
    table.text('event').notNullable().comment('DiagnosticRunEvent or BootstrapRunEvent as JSON');
    table.primary(['run_id', 'seq']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('run_events');
  await knex.schema.dropTable('bootstrap_locks');
  await knex.schema.dropTable('bootstrap_runs');
  await knex.schema.dropTable('diagnostic_results');
  await knex.schema.dropTable('diagnostic_runs');
};
