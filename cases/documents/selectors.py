"""Reading the documents of a case (the caller checks access to the case)."""

from .models import CaseDocument


def document_get(*, pk) -> CaseDocument | None:
    """The document with this id, whoever may see it (the caller checks access to its case)."""
    return CaseDocument.objects.filter(pk=pk).first()


def case_documents(*, case) -> list[CaseDocument]:
    """The documents of a case, newest first, with who uploaded them."""
    return list(CaseDocument.objects.filter(case_id=case.pk).select_related("uploaded_by"))
