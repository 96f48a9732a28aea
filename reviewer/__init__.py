"""reviewer: check 项目支出绩效自评表 and draft their 偏差原因分析及改进措施."""

__version__ = "0.1.0"
