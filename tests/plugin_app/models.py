from django.db import models


class PluginMark(models.Model):
    """A note a throwaway app keeps on a case (it lives only in the test settings)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="plugin_marks")
    text = models.CharField(max_length=100)
    blocks_removal = models.BooleanField(default=False)

    class Meta:
        permissions = [("view_board", "Mag het plugin-bord zien")]
        ordering = ["id"]

    def __str__(self):
        return self.text
