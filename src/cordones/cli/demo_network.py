"""The demo cordón: fictional workplaces shaped like real recovered enterprises.

Everything is drawn from a seeded random generator, so two runs build the same network.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

FIRST_NAMES = (
    "María", "José", "Juan", "Ana", "Carlos", "Laura", "Jorge", "Silvia", "Luis", "Graciela",
    "Miguel", "Patricia", "Roberto", "Claudia", "Ricardo", "Mónica", "Daniel", "Susana",
    "Héctor", "Norma", "Raúl", "Alejandra", "Oscar", "Verónica", "Eduardo", "Marta", "Hugo",
    "Liliana", "Rubén", "Beatriz", "Sergio", "Andrea", "Walter", "Gabriela", "Alberto",
    "Romina", "Víctor", "Lucía", "Ramón", "Soledad", "Néstor", "Florencia", "Julio",
    "Carolina", "Mario", "Natalia", "Fabián", "Valeria", "Gustavo", "Paola", "Ernesto",
    "Cecilia", "Omar", "Mariela", "Pablo", "Rocío", "Diego", "Camila", "Martín", "Belén",
)
SURNAMES = (
    "González", "Rodríguez", "Gómez", "Fernández", "López", "Díaz", "Martínez", "Pérez",
    "García", "Sánchez", "Romero", "Sosa", "Torres", "Álvarez", "Ruiz", "Ramírez", "Flores",
    "Benítez", "Acosta", "Medina", "Herrera", "Suárez", "Aguirre", "Giménez", "Gutiérrez",
    "Pereyra", "Rojas", "Molina", "Castro", "Ortiz", "Silva", "Núñez", "Luna", "Juárez",
    "Cabrera", "Ríos", "Ferreyra", "Godoy", "Morales", "Domínguez", "Moreno", "Peralta",
    "Vega", "Carrizo", "Quiroga", "Castillo", "Ledesma", "Muñoz", "Ojeda", "Ponce", "Vera",
    "Villalba", "Cardozo", "Navarro", "Coronel", "Vázquez", "Ramos", "Arias", "Paz", "Correa",
)


@dataclass(frozen=True)
class DemoWorkplace:
    slug: str
    name: str
    legal_name: str
    sector: str
    city: str
    province: str
    address: str
    latitude: str
    longitude: str
    tax_id: str
    founded_on: date
    recovered_on: date
    members: int
    sections: tuple[tuple[str, str], ...]


WORKPLACES = (
    DemoWorkplace(
        "metalurgica-la-union", "Metalúrgica La Unión",
        "Cooperativa de Trabajo Metalúrgica La Unión Ltda.", "metalwork", "Avellaneda",
        "Buenos Aires", "Av. Mitre 2150", "-34.673400", "-58.358900", "30-70812345-7",
        date(1958, 3, 10), date(2002, 6, 14), 80,
        (("Fundición", "line"), ("Mecanizado", "line"), ("Matricería", "line"),
         ("Turno mañana", "shift"), ("Turno tarde", "shift"), ("Administración", "department")),
    ),
    DemoWorkplace(
        "grafica-patricios", "Gráfica Patricios",
        "Cooperativa de Trabajo Gráfica Patricios Ltda.", "printing", "Ciudad de Buenos Aires",
        "Ciudad Autónoma de Buenos Aires", "Av. Caseros 3020", "-34.636800", "-58.401200",
        "30-70845678-0", date(1971, 8, 2), date(2003, 11, 20), 20,
        (("Preimpresión", "line"), ("Impresión offset", "line"), ("Encuadernación", "line")),
    ),
    DemoWorkplace(
        "textil-18-de-diciembre", "Textil 18 de Diciembre",
        "Cooperativa de Trabajo Textil 18 de Diciembre Ltda.", "textile",
        "Ciudad de Buenos Aires", "Ciudad Autónoma de Buenos Aires", "Jujuy 554",
        "-34.614200", "-58.405300", "30-70871234-5", date(1980, 5, 5), date(2001, 12, 18), 45,
        (("Corte", "line"), ("Costura", "line"), ("Terminación", "line"), ("Comercialización", "department")),
    ),
    DemoWorkplace(
        "alimentaria-el-cordon", "Alimentaria El Cordón",
        "Cooperativa de Trabajo Alimentaria El Cordón Ltda.", "food", "Quilmes",
        "Buenos Aires", "Calle 844 N° 1820", "-34.743100", "-58.271400", "30-70890123-4",
        date(1965, 2, 1), date(2005, 4, 7), 50,
        (("Panificados", "line"), ("Pastas secas", "line"), ("Envasado", "line"),
         ("Turno noche", "shift"), ("Logística", "department")),
    ),
    DemoWorkplace(
        "hotel-los-hermanos", "Hotel Los Hermanos",
        "Cooperativa de Trabajo Hotel Los Hermanos Ltda.", "hospitality",
        "Ciudad de Buenos Aires", "Ciudad Autónoma de Buenos Aires", "Av. Callao 1150",
        "-34.595600", "-58.393200", "30-70912345-1", date(1978, 10, 12), date(2003, 3, 21), 40,
        (("Recepción", "department"), ("Pisos", "department"), ("Cocina y salón", "department"),
         ("Mantenimiento", "department")),
    ),
    DemoWorkplace(
        "ceramica-del-sur", "Cerámica del Sur",
        "Cooperativa de Trabajo Cerámica del Sur Ltda.", "ceramics", "Neuquén", "Neuquén",
        "Ruta 7 km 5", "-38.951600", "-68.059100", "30-70934567-3", date(1979, 6, 30),
        date(2001, 10, 2), 35,
        (("Hornos", "line"), ("Esmaltado", "line"), ("Clasificación", "line"), ("Turno rotativo", "shift")),
    ),
    DemoWorkplace(
        "clinica-vecinal", "Clínica Vecinal",
        "Cooperativa de Trabajo de Salud Clínica Vecinal Ltda.", "health", "Lanús",
        "Buenos Aires", "Av. Hipólito Yrigoyen 4420", "-34.705800", "-58.395100",
        "30-70956789-4", date(1985, 9, 1), date(2009, 7, 15), 20,
        (("Enfermería", "department"), ("Consultorios", "department"), ("Guardia", "shift")),
    ),
    DemoWorkplace(
        "transporte-solidario", "Transporte Solidario",
        "Cooperativa de Trabajo Transporte Solidario Ltda.", "transport", "Rosario", "Santa Fe",
        "Av. Pellegrini 3900", "-32.954600", "-60.678600", "30-70978901-2",
        date(1990, 4, 4), date(2012, 2, 27), 12,
        (("Choferes", "department"), ("Taller", "department")),
    ),
)

DEMO_PASSWORD = "cordones-demo"
OPERATOR_EMAIL = "operador@cordones.demo"
