from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("workplaces", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="workplace",
            name="registration_number",
            field=models.CharField(
                blank=True,
                default="",
                max_length=40,
                verbose_name="registration number (matrícula)",
            ),
        ),
    ]
