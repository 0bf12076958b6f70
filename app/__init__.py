"""SmallData Studio (小数据工作室): offline customer-list cleaning for marketers."""

__version__ = "0.1.0"
APP_NAME = "SmallData Studio"
APP_NAME_ZH = "小数据工作室"
ORG_NAME = "SmallData"
