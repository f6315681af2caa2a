"""An inspection keeps its inspectors as certificate numbers (the names are in the task's committed pool): rows
written before keep a list of {certificate, name, organisation}, which becomes the list of their certificates."""

from django.db import migrations, models

TO_CERTIFICATES = {
    "postgresql": """
        UPDATE inspections_inspection
           SET inspectors = (SELECT coalesce(jsonb_agg(e -> 'certificate' ORDER BY n), '[]'::jsonb)
                               FROM jsonb_array_elements(inspectors) WITH ORDINALITY AS x(e, n))
         WHERE jsonb_typeof(inspectors -> 0) = 'object'""",
    "sqlite": """
        UPDATE inspections_inspection
           SET inspectors = (SELECT json_group_array(json_extract(value, '$.certificate'))
                               FROM (SELECT value FROM json_each(inspections_inspection.inspectors) ORDER BY key))
         WHERE json_type(inspectors, '$[0]') = 'object'""",
}
TO_ENTRIES = {  # back: each certificate with the name and department the task's pool gives it
    "postgresql": """
        UPDATE inspections_inspection i
           SET inspectors = (SELECT coalesce(jsonb_agg(coalesce(
                                      (SELECT jsonb_build_object('certificate', p -> 'certificate', 'name', p -> 'name',
                                                                 'organisation', p -> 'organisation')
                                         FROM inspections_task t, jsonb_array_elements(t.inspectors_pool::jsonb) p
                                        WHERE t.id = i.task_id AND p -> 'certificate' = c LIMIT 1),
                                      jsonb_build_object('certificate', c, 'name', '', 'organisation', ''))
                                    ORDER BY n), '[]'::jsonb)
                               FROM jsonb_array_elements(i.inspectors) WITH ORDINALITY AS x(c, n))
         WHERE jsonb_typeof(i.inspectors -> 0) = 'string'""",
    "sqlite": """
        UPDATE inspections_inspection
           SET inspectors = (SELECT json_group_array(json(coalesce(
                                      (SELECT json_object('certificate', json_extract(p.value, '$.certificate'),
                                                          'name', json_extract(p.value, '$.name'),
                                                          'organisation', json_extract(p.value, '$.organisation'))
                                         FROM inspections_task t, json_each(t.inspectors_pool) p
                                        WHERE t.id = inspections_inspection.task_id
                                          AND json_extract(p.value, '$.certificate') = c.value LIMIT 1),
                                      json_object('certificate', c.value, 'name', '', 'organisation', ''))))
                               FROM (SELECT value FROM json_each(inspections_inspection.inspectors) ORDER BY key) c)
         WHERE json_type(inspectors, '$[0]') = 'text'""",
}


def _run(statements):
    def run(apps, schema_editor):
        sql = statements.get(schema_editor.connection.vendor)
        if sql:
            schema_editor.execute(sql)
    return run


class Migration(migrations.Migration):

    dependencies = [
        ('inspections', '0005_draw_indexes'),
    ]

    operations = [
        migrations.AlterField(
            model_name='inspection',
            name='inspectors',
            field=models.JSONField(default=list, verbose_name='检查人员（执法证号）'),
        ),
        migrations.RunPython(_run(TO_CERTIFICATES), _run(TO_ENTRIES)),
    ]
