"""The wheel's package list: every studyapp package plus the shipped resources/ folder, which
pyproject.toml maps to studyapp/resources/ (package-dir) with the files the program reads (package-data).
(pyproject.toml alone cannot add a mapped folder to the packages that `find` discovers.)"""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["studyapp", "studyapp.*"]), "studyapp.resources"])
