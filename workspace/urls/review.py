from django.urls import path

from review.workflow import Action
from workspace.views import review as views

app_name = "review"

ACTION_PATHS = {
    Action.SUBMIT: "ajukan",
    Action.WITHDRAW: "tarik",
    Action.RETURN: "kembalikan",
    Action.APPROVE: "setujui",
    Action.REOPEN: "buka-kembali",
}

urlpatterns = [
    path("<int:year>/reviu/", views.detail, name="detail"),
    path("<int:year>/reviu/catatan/baru/", views.comment_new, name="comment_new"),
    path("<int:year>/reviu/catatan/<int:pk>/", views.comment_resolve, name="comment_resolve"),
    path("<int:year>/reviu/catatan/<int:pk>/dijawab/", views.comment_answer, name="comment_answer"),
    path("<int:year>/reviu/catatan/<int:pk>/balas/", views.comment_reply_new, name="comment_reply"),
    *[
        path(f"<int:year>/reviu/{slug}/", views.act, {"action": action.value}, name=action.value)
        for action, slug in ACTION_PATHS.items()
    ],
]
