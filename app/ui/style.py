"""One light, calm look: white pages, a soft sidebar, one blue primary button per page."""

ACCENT = "#2563eb"

STYLE = f"""
QWidget#central {{ background: #ffffff; }}
QFrame#sidebar {{ background: #f3f5f9; border-right: 1px solid #e3e7ee; }}
QLabel#brand {{ font-size: 15px; font-weight: 600; color: #111827; padding: 4px 8px 16px 8px; }}
QListWidget#steps {{ background: transparent; outline: 0; font-size: 14px; }}
QListWidget#steps::item {{ padding: 9px 10px; margin: 2px 0; border-radius: 6px; color: #374151; }}
QListWidget#steps::item:hover {{ background: #e8ecf4; }}
QListWidget#steps::item:selected {{ background: {ACCENT}; color: white; }}
QLabel#sideWorkspace {{ color: #6b7280; font-size: 12px; padding: 8px; }}
QLabel#pageTitle {{ font-size: 20px; font-weight: 600; color: #111827; }}
QLabel#pageSentence {{ font-size: 13px; color: #4b5563; }}
QLabel#muted {{ color: #6b7280; }}
QLabel#warning {{ color: #92400e; background: #fffbeb; border: 1px solid #fde68a;
                  border-radius: 6px; padding: 6px 10px; }}
QLabel#problem {{ color: #991b1b; background: #fef2f2; border: 1px solid #fecaca;
                  border-radius: 6px; padding: 8px 12px; }}
QLabel#dropHint {{ color: #6b7280; font-size: 15px; border: 2px dashed #cbd5e1;
                   border-radius: 12px; background: #f8fafc; padding: 40px; }}
QFrame#messageBar {{ background: #ecfdf5; border-bottom: 1px solid #a7f3d0; }}
QFrame#messageBar QLabel {{ color: #065f46; }}
QPushButton {{ padding: 6px 14px; border: 1px solid #cbd5e1; border-radius: 6px;
               background: #ffffff; color: #111827; }}
QPushButton:hover {{ background: #f1f5f9; }}
QPushButton:disabled {{ color: #9ca3af; background: #f9fafb; border-color: #e5e7eb; }}
QPushButton#primary {{ background: {ACCENT}; color: white; border: 1px solid {ACCENT};
                       font-weight: 600; padding: 7px 22px; }}
QPushButton#primary:hover {{ background: #1d4ed8; }}
QPushButton#primary:disabled {{ background: #93c5fd; border-color: #93c5fd; }}
QPushButton#closeMessage {{ border: none; background: transparent; font-size: 16px; padding: 0; }}
QLineEdit {{ padding: 6px 10px; border: 1px solid #cbd5e1; border-radius: 6px; }}
QLineEdit:focus {{ border-color: {ACCENT}; }}
QTableView {{ gridline-color: #eef0f4; border: 1px solid #e3e7ee; border-radius: 6px;
              selection-background-color: #dbeafe; selection-color: #111827; }}
QTableView {{ alternate-background-color: #f9fafb; }}
QTreeView {{ border: 1px solid #e3e7ee; border-radius: 6px; alternate-background-color: #f9fafb;
             selection-background-color: #dbeafe; selection-color: #111827; }}
QTreeView::item {{ padding: 3px 0; }}
QHeaderView::section {{ background: #f3f5f9; border: none; border-right: 1px solid #e3e7ee;
                        border-bottom: 1px solid #e3e7ee; padding: 5px 8px; color: #374151;
                        font-weight: 600; }}
QTabWidget::pane {{ border: none; }}
QTabBar::tab {{ padding: 7px 14px; color: #4b5563; border-bottom: 2px solid transparent; }}
QTabBar::tab:selected {{ color: {ACCENT}; border-bottom: 2px solid {ACCENT}; }}
QStatusBar {{ background: #f3f5f9; color: #4b5563; }}
QStatusBar QLabel {{ padding: 0 10px; }}
"""
